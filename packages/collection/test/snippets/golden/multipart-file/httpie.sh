#!/bin/sh
http --ignore-stdin --print=hb --pretty=none --multipart POST 'https://api.example.com/anything/upload' \
  'title=A "quoted" title' \
  'document@files/hello.txt;type=application/octet-stream' \
  'blob@files/data.bin;type=application/x-custom'
