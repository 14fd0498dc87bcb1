#!/bin/sh
http --ignore-stdin --print=hb --pretty=none GET 'https://api.example.com/anything/keyed' \
  'X-API-Key:k-123'
