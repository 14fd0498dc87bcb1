package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"net/textproto"
)

func main() {
	payload := &bytes.Buffer{}
	writer := multipart.NewWriter(payload)
	{
		header := make(textproto.MIMEHeader)
		header.Set("Content-Disposition", "form-data; name=\"meta\"")
		header.Set("Content-Type", "application/json")
		part, err := writer.CreatePart(header)
		if err != nil {
			log.Fatal(err)
		}
		content := []byte("{\"a\":1}")
		if _, err := part.Write(content); err != nil {
			log.Fatal(err)
		}
	}
	if err := writer.Close(); err != nil {
		log.Fatal(err)
	}
	req, err := http.NewRequest("POST", "https://api.example.com/anything/signed", payload)
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Add("X-Missing", "{{missing}}")
	req.Header.Set("Content-Type", writer.FormDataContentType())

	res, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()

	responseBody, err := io.ReadAll(res.Body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.StatusCode)
	fmt.Println(string(responseBody))
}
