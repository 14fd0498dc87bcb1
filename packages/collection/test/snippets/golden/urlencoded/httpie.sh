#!/bin/sh
http --ignore-stdin --print=hb --pretty=none --raw 'name=Ada+Lovelace&math=1%2B1%3D2+%26+3*3%3D9&city=Z%C3%BCrich' POST 'https://api.example.com/anything/form' \
  'Content-Type:application/x-www-form-urlencoded'
