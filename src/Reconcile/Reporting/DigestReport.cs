using Reconcile.Data.Entities;

namespace Reconcile.Reporting;

/// <summary>Everything one weekly digest says, gathered before any of it is rendered.</summary>
public sealed record DigestReport(
    DateOnly WeekStart,
    Figures ThisWeek,
    Figures LastWeek,
    int OverdueCount,
    IReadOnlyList<ExceptionEntity> Overdue,
    IReadOnlyList<ManualTouch> Corrections,
    IReadOnlyList<ExceptionEntity> Recurring,
    IReadOnlyList<TopOrder> TopOrders,
    IReadOnlyList<DailyPoint> Daily);
