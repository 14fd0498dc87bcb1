#!/bin/sh
http --ignore-stdin --print=hb --pretty=none --raw '{"query":"query ($id: ID!) {\n  user(id: $id) { name }\n}","variables":{"id":"u-1"}}' POST 'https://api.example.com/anything/graphql' \
  'Content-Type:application/json'
