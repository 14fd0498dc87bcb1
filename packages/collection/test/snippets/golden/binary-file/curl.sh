#!/bin/sh
curl --silent --show-error --globoff --request PUT \
  --url 'https://api.example.com/anything/blob' \
  --header 'Content-Type:' \
  --data-binary '@files/data.bin' \
  --write-out '\nHTTP status: %{http_code}\n'
