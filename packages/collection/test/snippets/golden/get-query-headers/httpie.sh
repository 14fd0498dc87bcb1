#!/bin/sh
http --ignore-stdin --print=hb --pretty=none GET 'https://api.example.com/anything/items?page=2&q=hello%20world&tag=a&tag=b&empty=' \
  'X-Trace:abc-123' \
  'Accept:application/json'
