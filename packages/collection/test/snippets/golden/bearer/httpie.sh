#!/bin/sh
http --ignore-stdin --print=hb --pretty=none DELETE 'https://api.example.com/anything/tokens/7' \
  'Authorization:Bearer tok.en-value'
