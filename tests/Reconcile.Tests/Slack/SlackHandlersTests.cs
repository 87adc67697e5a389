using Microsoft.Extensions.DependencyInjection;
using Reconcile.Slack.Commands;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Slack;

/// <summary>The keyed handler index of SlackSetup: every id Slack sends finds exactly the handler that declares it.</summary>
public sealed class SlackHandlersTests : IDisposable
{
    private readonly ReconcileFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void Every_exception_button_is_handled_by_the_handler_declaring_its_action_id()
    {
        using var scope = _factory.Services.CreateScope();

        Assert.All(ExceptionActionIds.All, id =>
            Assert.Equal(id, scope.ServiceProvider.GetRequiredKeyedService<IBlockActionHandler>(id).ActionId));
        Assert.Null(scope.ServiceProvider.GetKeyedService<IBlockActionHandler>("recon.unknown"));
    }

    [Fact]
    public void The_approve_modal_and_the_recon_command_are_found_by_their_ids()
    {
        using var scope = _factory.Services.CreateScope();

        Assert.IsType<ApproveSubmissionHandler>(scope.ServiceProvider.GetRequiredKeyedService<IViewSubmissionHandler>(ApproveModal.CallbackId));
        Assert.Equal("/recon", scope.ServiceProvider.GetRequiredKeyedService<ISlashCommandHandler>("/recon").Command);
    }

    [Fact]
    public void Sub_commands_are_found_by_their_word_in_any_case_and_listed_in_registration_order()
    {
        using var scope = _factory.Services.CreateScope();
        var subCommands = scope.ServiceProvider.GetRequiredService<ReconSubCommands>();

        Assert.Equal(["status", "status", "mine", "run", "retry", "automation", "help"], subCommands.All().Select(s => s.Name));
        Assert.Equal([typeof(OrderStatusCommand), typeof(StatusCommand)], subCommands.Named("STATUS").Select(s => s.GetType()));
        Assert.Empty(subCommands.Named("reboot"));
    }
}
