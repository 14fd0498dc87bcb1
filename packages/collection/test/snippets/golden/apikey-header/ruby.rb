require 'net/http'
require 'uri'

uri = URI('https://api.example.com/anything/keyed')
request = Net::HTTP::Get.new(uri)
request['X-API-Key'] = 'k-123'

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
