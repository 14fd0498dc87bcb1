require 'net/http'
require 'uri'

uri = URI('https://api.example.com/anything/upload')
request = Net::HTTP::Post.new(uri)
form = [
  ['title', 'A "quoted" title'],
  ['document', File.open('files/hello.txt', 'rb'), { filename: 'hello.txt', content_type: 'application/octet-stream' }],
  ['blob', File.open('files/data.bin', 'rb'), { filename: 'data.bin', content_type: 'application/x-custom' }],
]
request.set_form(form, 'multipart/form-data')

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
