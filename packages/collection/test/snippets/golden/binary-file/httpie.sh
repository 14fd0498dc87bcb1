#!/bin/sh
http --print=hb --pretty=none PUT 'https://api.example.com/anything/blob' \
  'Content-Type:' \
  < 'files/data.bin'
