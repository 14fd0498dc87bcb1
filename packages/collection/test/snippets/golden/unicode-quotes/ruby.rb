require 'net/http'
require 'uri'

uri = URI('https://api.example.com/anything/%C3%BCn%C3%AF/%C3%A7%C3%B8d%C3%A9?emoji=%F0%9F%98%80&quote=%22it%27s%22&dollar=$HOME')
request = Net::HTTP::Patch.new(uri)
request['X-Quotes'] = 'it\'s "quoted" \\ back $HOME #{x} ${x} %s'
request['X-Empty'] = ''
request['Content-Type'] = 'text/plain'
request.body = "Grüße 😀 \"double\" 'single' \\ back\\slash $HOME ${x} \#{x} {x} %d\n\ttab\r\nline   end"

response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == 'https') do |http|
  http.request(request)
end
puts response.code
puts response.body
