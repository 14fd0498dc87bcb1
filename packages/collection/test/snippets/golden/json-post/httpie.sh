#!/bin/sh
http --ignore-stdin --print=hb --pretty=none --raw '{
  "name": "Ada",
  "tags": ["a", "b"],
  "admin": true
}' POST 'https://api.example.com/anything/users' \
  'X-Request-Id:req-42' \
  'Content-Type:application/json'
