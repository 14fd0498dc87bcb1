package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
)

func main() {
	payload := &bytes.Buffer{}
	writer := multipart.NewWriter(payload)
	{
		header := make(textproto.MIMEHeader)
		header.Set("Content-Disposition", "form-data; name=\"title\"")
		part, err := writer.CreatePart(header)
		if err != nil {
			log.Fatal(err)
		}
		content := []byte("A \"quoted\" title")
		if _, err := part.Write(content); err != nil {
			log.Fatal(err)
		}
	}
	{
		header := make(textproto.MIMEHeader)
		header.Set("Content-Disposition", "form-data; name=\"document\"; filename=\"hello.txt\"")
		header.Set("Content-Type", "application/octet-stream")
		part, err := writer.CreatePart(header)
		if err != nil {
			log.Fatal(err)
		}
		content, err := os.ReadFile("files/hello.txt")
		if err != nil {
			log.Fatal(err)
		}
		if _, err := part.Write(content); err != nil {
			log.Fatal(err)
		}
	}
	{
		header := make(textproto.MIMEHeader)
		header.Set("Content-Disposition", "form-data; name=\"blob\"; filename=\"data.bin\"")
		header.Set("Content-Type", "application/x-custom")
		part, err := writer.CreatePart(header)
		if err != nil {
			log.Fatal(err)
		}
		content, err := os.ReadFile("files/data.bin")
		if err != nil {
			log.Fatal(err)
		}
		if _, err := part.Write(content); err != nil {
			log.Fatal(err)
		}
	}
	if err := writer.Close(); err != nil {
		log.Fatal(err)
	}
	req, err := http.NewRequest("POST", "https://api.example.com/anything/upload", payload)
	if err != nil {
		log.Fatal(err)
	}
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
