#!/bin/sh
curl --silent --show-error --globoff --request POST \
  --url 'https://api.example.com/anything/graphql' \
  --header 'Content-Type: application/json' \
  --data-raw '{"query":"query ($id: ID!) {\n  user(id: $id) { name }\n}","variables":{"id":"u-1"}}' \
  --write-out '\nHTTP status: %{http_code}\n'
