#!/bin/sh
curl --silent --show-error --globoff --request DELETE \
  --url 'https://api.example.com/anything/tokens/7' \
  --header 'Authorization: Bearer tok.en-value' \
  --write-out '\nHTTP status: %{http_code}\n'
