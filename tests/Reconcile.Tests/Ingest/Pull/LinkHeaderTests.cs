using Reconcile.Ingest.Pull;
using Reconcile.Topology;

namespace Reconcile.Tests.Ingest.Pull;

public sealed class LinkHeaderTests
{
    [Theory]
    [InlineData("<https://shop.example/orders.json?page_info=abc&limit=2>; rel=\"next\"", "https://shop.example/orders.json?page_info=abc&limit=2")]
    [InlineData("<https://s.example/o?page_info=p1>; rel=\"previous\", <https://s.example/o?page_info=p3>; rel=\"next\"", "https://s.example/o?page_info=p3")]
    [InlineData("</orders?page=2>; title=\"a, b; c\"; rel=next", "/orders?page=2")]
    [InlineData("<https://s.example/o?p=3>; rel=\"last NEXT\"", "https://s.example/o?p=3")]
    public void The_next_link_is_found_among_others_quoted_or_not(string header, string expected) =>
        Assert.Equal(expected, LinkHeader.Next([header]));

    [Theory]
    [InlineData("<https://s.example/o?page_info=p1>; rel=\"previous\"")]
    [InlineData("<https://s.example/o?p=2>; rel=\"nextpage\"")]
    [InlineData("garbage without brackets; rel=next")]
    [InlineData("")]
    public void Without_a_next_link_there_is_no_next_page(string header) => Assert.Null(LinkHeader.Next([header]));

    [Theory]
    [InlineData("iso8601", "2026-11-20T09:58:00Z")]
    [InlineData("unixSeconds", "1795168680")]
    [InlineData("unixMilliseconds", "1795168680500")]
    public void A_since_value_is_written_in_the_systems_format(string format, string expected) =>
        Assert.Equal(expected, SinceValue.Format(new DateTimeOffset(2026, 11, 20, 4, 58, 0, 500, TimeSpan.FromHours(-5)), format));

    [Fact]
    public void The_since_parameter_is_the_watermark_less_the_overlap_added_to_the_path_query()
    {
        var pull = new ConnectorPullOptions
        {
            Path = "orders.json?status=any",
            Since = new ConnectorSinceOptions { Parameter = "updated_at_min", Format = ConnectorSinceOptions.Iso8601 },
            Overlap = TimeSpan.FromMinutes(2),
        };

        Assert.Equal("orders.json?status=any", PullRequests.Changes(pull, watermark: null));
        Assert.Equal("orders.json?status=any&updated_at_min=2026-11-20T09%3A58%3A00Z", PullRequests.Changes(pull, new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero)));
    }
}
