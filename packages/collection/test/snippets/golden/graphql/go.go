package main

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
)

func main() {
	payload := strings.NewReader("{\"query\":\"query ($id: ID!) {\\n  user(id: $id) { name }\\n}\",\"variables\":{\"id\":\"u-1\"}}")
	req, err := http.NewRequest("POST", "https://api.example.com/anything/graphql", payload)
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Add("Content-Type", "application/json")

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
