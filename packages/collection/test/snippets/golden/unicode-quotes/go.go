package main

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
)

func main() {
	payload := strings.NewReader("Grüße 😀 \"double\" 'single' \\ back\\slash $HOME ${x} #{x} {x} %d\n\ttab\r\nline   end")
	req, err := http.NewRequest("PATCH", "https://api.example.com/anything/%C3%BCn%C3%AF/%C3%A7%C3%B8d%C3%A9?emoji=%F0%9F%98%80&quote=%22it%27s%22&dollar=$HOME", payload)
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Add("X-Quotes", "it's \"quoted\" \\ back $HOME #{x} ${x} %s")
	req.Header.Add("X-Empty", "")
	req.Header.Add("Content-Type", "text/plain")

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
