namespace Reconcile.Engine.Matching;

/// <summary>A compared attribute and the index of its authoritative system in <see cref="CompiledFlow.Systems"/>.</summary>
internal sealed record CompiledAttribute(string Name, AttributeKind Kind, int Authority);
