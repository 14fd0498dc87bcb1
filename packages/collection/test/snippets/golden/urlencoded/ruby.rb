require 'net/http'
require 'uri'

uri = URI('https://api.example.com/anything/form')
request = Net::HTTP::Post.new(uri)
request['Content-Type'] = 'application/x-www-form-urlencoded'
request.body = 'name=Ada+Lovelace&math=1%2B1%3D2+%26+3*3%3D9&city=Z%C3%BCrich'

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
