require 'net/http'
require 'uri'

uri = URI('https://api.example.com/anything/search?q=x&api_key=s3cr3t%2F%2B%3D')
request = Net::HTTP::Get.new(uri)

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
