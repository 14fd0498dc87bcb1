#!/bin/sh
curl --silent --show-error --globoff --request POST \
  --url 'https://api.example.com/anything/signed' \
  --header 'X-Missing: {{missing}}' \
  --form 'meta="{\"a\":1}";type=application/json' \
  --write-out '\nHTTP status: %{http_code}\n'
