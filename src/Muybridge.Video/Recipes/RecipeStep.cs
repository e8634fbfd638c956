namespace Muybridge.Video.Recipes;

/// <summary>One line of a plan: a step of the chain and what runs it, e.g. <c>matte: isnet-medium on CPU (cache)</c>.</summary>
/// <param name="Step">The step: prepare, register, matte, interpolate, colour, upscale, retime, composite.</param>
/// <param name="Uses">What runs it, and where.</param>
public sealed record RecipeStep(string Step, string Uses)
{
    /// <inheritdoc />
    public override string ToString() => $"{Step}: {Uses}";
}
