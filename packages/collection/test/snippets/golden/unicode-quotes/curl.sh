#!/bin/sh
curl --silent --show-error --globoff --request PATCH \
  --url 'https://api.example.com/anything/%C3%BCn%C3%AF/%C3%A7%C3%B8d%C3%A9?emoji=%F0%9F%98%80&quote=%22it%27s%22&dollar=$HOME' \
  --header 'X-Quotes: it'\''s "quoted" \ back $HOME #{x} ${x} %s' \
  --header 'X-Empty;' \
  --header 'Content-Type: text/plain' \
  --data-raw 'Grüße 😀 "double" '\''single'\'' \ back\slash $HOME ${x} #{x} {x} %d
	tab
line   end' \
  --write-out '\nHTTP status: %{http_code}\n'
