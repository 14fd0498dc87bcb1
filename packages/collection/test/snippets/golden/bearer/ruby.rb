require 'net/http'
require 'uri'

uri = URI('https://api.example.com/anything/tokens/7')
request = Net::HTTP::Delete.new(uri)
request['Authorization'] = 'Bearer tok.en-value'

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
