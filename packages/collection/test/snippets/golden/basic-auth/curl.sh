#!/bin/sh
curl --silent --show-error --globoff --request GET \
  --url 'https://api.example.com/anything/basic' \
  --header 'Authorization: Basic cG9zdG1hbjpwYSQkOnfDtnJk' \
  --write-out '\nHTTP status: %{http_code}\n'
