#!/bin/sh
curl --silent --show-error --globoff --request GET \
  --url 'https://api.example.com/anything/items?page=2&q=hello%20world&tag=a&tag=b&empty=' \
  --header 'X-Trace: abc-123' \
  --header 'Accept: application/json' \
  --write-out '\nHTTP status: %{http_code}\n'
