require 'net/http'
require 'uri'

uri = URI('https://api.example.com/anything/signed')
request = Net::HTTP::Post.new(uri)
request['X-Missing'] = '{{missing}}'
form = [
  ['meta', '{"a":1}'],
]
request.set_form(form, 'multipart/form-data')

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
