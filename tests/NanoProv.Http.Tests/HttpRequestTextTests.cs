using NanoProv.Transports;

namespace NanoProv.Http.Tests;

public class HttpRequestTextTests
{
    [Theory]
    [InlineData("/proto-ver", "proto-ver")]
    [InlineData("/prov-session?x", "prov-session")]
    [InlineData("/custom-data#frag", "custom-data")]
    [InlineData("/a", "a")]
    [InlineData("/", null)]
    [InlineData("/?q", null)]
    [InlineData("x/y", null)]
    [InlineData("/a/b", null)]
    [InlineData(null, null)]
    public void Endpoint_name_is_the_single_path_segment(string url, string expected)
        => Assert.Equal(expected, HttpRequestText.EndpointFromUrl(url));

    [Theory]
    [InlineData("0", 0L)]
    [InlineData(" 4096 ", 4096L)]
    [InlineData("000012", 12L)]
    [InlineData("999999999999", 999999999999L)]
    [InlineData("1e3", -1L)]
    [InlineData("+5", -1L)]
    [InlineData("5,5", -1L)]
    [InlineData(null, -1L)]
    public void Content_length_is_strict_decimal(string value, long expected)
        => Assert.Equal(expected, HttpRequestText.ParseContentLength(value));

    [Theory]
    [InlineData("close", "close", true)]
    [InlineData("keep-alive, Close", "close", true)]
    [InlineData(" UPGRADE ,close ", "upgrade", true)]
    [InlineData("closed", "close", false)]
    [InlineData("", "close", false)]
    [InlineData(",", "close", false)]
    [InlineData(null, "close", false)]
    public void Connection_tokens_are_matched_case_insensitively(string header, string token, bool expected)
        => Assert.Equal(expected, HttpRequestText.HasToken(header, token));
}
