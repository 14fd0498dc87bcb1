#!/bin/sh
curl --silent --show-error --globoff --request GET \
  --url 'https://api.example.com/anything/search?q=x&api_key=s3cr3t%2F%2B%3D' \
  --write-out '\nHTTP status: %{http_code}\n'
