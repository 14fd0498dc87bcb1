#!/bin/sh
http --ignore-stdin --print=hb --pretty=none --multipart POST 'https://api.example.com/anything/signed' \
  'X-Missing:{{missing}}' \
  'meta={"a"\:1}'
