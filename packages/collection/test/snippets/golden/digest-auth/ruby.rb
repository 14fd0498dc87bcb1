require 'net/http'
require 'uri'

uri = URI('https://api.example.com/digest-auth')
request = Net::HTTP::Get.new(uri)

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
