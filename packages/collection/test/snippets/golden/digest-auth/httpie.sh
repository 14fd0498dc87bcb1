#!/bin/sh
http --ignore-stdin --print=hb --pretty=none --auth-type=digest --auth 'postman:password' GET 'https://api.example.com/digest-auth'
