using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace Muybridge.Video.Cli.Commands;

/// <summary>Range checks while parsing, so a number out of range is a bad argument (exit 2) before any work starts.</summary>
internal static class OptionRanges
{
    /// <summary>Refuses values outside [<paramref name="min"/>, <paramref name="max"/>] (and NaN or infinity); the range goes into the help.</summary>
    public static Option<T> Within<T>(this Option<T> option, T min, T max)
        where T : INumber<T>
    {
        option.Description = $"{option.Description} ({Format(min)}…{Format(max)})";
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (!T.IsFinite(value) || value < min || value > max)
            {
                result.AddError($"{option.Name} takes a number from {Format(min)} to {Format(max)}, not {Format(value)}.");
            }
        });
        return option;
    }

    /// <summary>The same for an option that may be left out.</summary>
    public static Option<T?> Within<T>(this Option<T?> option, T min, T max)
        where T : struct, INumber<T>
    {
        option.Description = $"{option.Description} ({Format(min)}…{Format(max)})";
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T?>() is { } value && (!T.IsFinite(value) || value < min || value > max))
            {
                result.AddError($"{option.Name} takes a number from {Format(min)} to {Format(max)}, not {Format(value)}.");
            }
        });
        return option;
    }

    private static string Format<T>(T value) where T : INumber<T> => value.ToString(null, CultureInfo.InvariantCulture);
}
