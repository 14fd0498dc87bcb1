require 'net/http'
require 'uri'

uri = URI('https://api.example.com/anything/items?page=2&q=hello%20world&tag=a&tag=b&empty=')
request = Net::HTTP::Get.new(uri)
request['X-Trace'] = 'abc-123'
request['Accept'] = 'application/json'

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
