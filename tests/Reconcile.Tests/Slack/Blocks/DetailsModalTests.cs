using Reconcile.Slack.Blocks;

namespace Reconcile.Tests.Slack.Blocks;

public sealed class DetailsModalTests
{
    [Fact]
    public void The_details_modal_shows_both_records_and_each_earlier_version_as_indented_json_in_code_blocks()
    {
        var exception = TestExceptions.Open(diagnostics: """
            {"expectedRecord":"{\"orderId\":\"1042\",\"promoCode\":\"SPRING24\"}","actualRecord":"{\"orderId\":\"1042\"}",
             "history":["{\"orderId\":\"1042\",\"promoCode\":\"OLD<1>\"}"],"failedChecks":["promoCode missing in crm"],
             "suggestedRemediation":"Replay the promo tag."}
            """);
        exception.Id = 42;

        var view = DetailsModal.Build(exception);

        Assert.Equal("modal", view["type"]!.ToString());
        Assert.Equal("Exception 42", view["title"]!["text"]!.ToString());
        Assert.Null(view["submit"]);
        var texts = view["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.ToString() ?? "").ToList();
        Assert.Contains("*Authoritative record*\n```{\n  \"orderId\": \"1042\",\n  \"promoCode\": \"SPRING24\"\n}```", texts);
        Assert.Contains("*Record in crm*\n```{\n  \"orderId\": \"1042\"\n}```", texts);
        Assert.Contains("*History: previous version in crm*\n```{\n  \"orderId\": \"1042\",\n  \"promoCode\": \"OLD&lt;1&gt;\"\n}```", texts);
        Assert.Contains("*Failed checks*\n• promoCode missing in crm", texts);
        Assert.Contains("*Suggested remediation*\nReplay the promo tag.", texts);
    }

    [Fact]
    public void An_empty_history_gets_no_block_and_diagnostics_that_are_not_json_are_shown_raw()
    {
        var empty = DetailsModal.Build(TestExceptions.Open(diagnostics: """{"expectedRecord":null,"actualRecord":null,"history":[],"failedChecks":[]}"""));
        var raw = DetailsModal.Build(TestExceptions.Open(diagnostics: "not json <at> all"));

        Assert.Equal(2, empty["blocks"]!.AsArray().Count); // the lead and the facts, nothing empty
        Assert.Equal("*Diagnostics*\n```not json &lt;at&gt; all```", raw["blocks"]![2]!["text"]!["text"]!.ToString());
    }
}
