#!/bin/sh
curl --silent --show-error --globoff --request GET \
  --url 'https://api.example.com/digest-auth' \
  --digest \
  --user 'postman:password' \
  --write-out '\nHTTP status: %{http_code}\n'
