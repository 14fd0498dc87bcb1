// Program.cs of a console project (.NET 6 or later): dotnet run
using System;
using System.IO;
using System.Net.Http;
using System.Text;

using var client = new HttpClient();
using var request = new HttpRequestMessage(new HttpMethod("POST"), "https://api.example.com/anything/upload");
var form = new MultipartFormDataContent();
var part1 = new ByteArrayContent(Encoding.UTF8.GetBytes("A \"quoted\" title"));
form.Add(part1, "title");
var part2 = new ByteArrayContent(File.ReadAllBytes("files/hello.txt"));
part2.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
form.Add(part2, "document", "hello.txt");
var part3 = new ByteArrayContent(File.ReadAllBytes("files/data.bin"));
part3.Headers.TryAddWithoutValidation("Content-Type", "application/x-custom");
form.Add(part3, "blob", "data.bin");
request.Content = form;

using var response = await client.SendAsync(request);
Console.WriteLine((int)response.StatusCode);
Console.WriteLine(await response.Content.ReadAsStringAsync());
