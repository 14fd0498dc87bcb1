#!/bin/sh
curl --silent --show-error --globoff --request GET \
  --url 'https://api.example.com/anything/keyed' \
  --header 'X-API-Key: k-123' \
  --write-out '\nHTTP status: %{http_code}\n'
