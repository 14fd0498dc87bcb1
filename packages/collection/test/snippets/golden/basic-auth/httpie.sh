#!/bin/sh
http --ignore-stdin --print=hb --pretty=none GET 'https://api.example.com/anything/basic' \
  'Authorization:Basic cG9zdG1hbjpwYSQkOnfDtnJk'
