require 'net/http'
require 'uri'

uri = URI('https://api.example.com/anything/graphql')
request = Net::HTTP::Post.new(uri)
request['Content-Type'] = 'application/json'
request.body = '{"query":"query ($id: ID!) {\\n  user(id: $id) { name }\\n}","variables":{"id":"u-1"}}'

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
