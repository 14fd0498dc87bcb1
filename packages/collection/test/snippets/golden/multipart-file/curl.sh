#!/bin/sh
curl --silent --show-error --globoff --request POST \
  --url 'https://api.example.com/anything/upload' \
  --form-string 'title=A "quoted" title' \
  --form 'document=@"files/hello.txt";type=application/octet-stream' \
  --form 'blob=@"files/data.bin";type=application/x-custom' \
  --write-out '\nHTTP status: %{http_code}\n'
