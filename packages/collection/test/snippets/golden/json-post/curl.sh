#!/bin/sh
curl --silent --show-error --globoff --request POST \
  --url 'https://api.example.com/anything/users' \
  --header 'X-Request-Id: req-42' \
  --header 'Content-Type: application/json' \
  --data-raw '{
  "name": "Ada",
  "tags": ["a", "b"],
  "admin": true
}' \
  --write-out '\nHTTP status: %{http_code}\n'
