#!/bin/sh
http --ignore-stdin --print=hb --pretty=none GET 'https://api.example.com/anything/search?q=x&api_key=s3cr3t%2F%2B%3D'
