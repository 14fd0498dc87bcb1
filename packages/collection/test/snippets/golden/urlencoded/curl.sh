#!/bin/sh
curl --silent --show-error --globoff --request POST \
  --url 'https://api.example.com/anything/form' \
  --header 'Content-Type: application/x-www-form-urlencoded' \
  --data-raw 'name=Ada+Lovelace&math=1%2B1%3D2+%26+3*3%3D9&city=Z%C3%BCrich' \
  --write-out '\nHTTP status: %{http_code}\n'
