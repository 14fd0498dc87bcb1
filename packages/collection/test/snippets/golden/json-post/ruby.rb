require 'net/http'
require 'uri'

uri = URI('https://api.example.com/anything/users')
request = Net::HTTP::Post.new(uri)
request['X-Request-Id'] = 'req-42'
request['Content-Type'] = 'application/json'
request.body = '{
  "name": "Ada",
  "tags": ["a", "b"],
  "admin": true
}'

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
