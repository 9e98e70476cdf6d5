namespace ClubFinder.Api.Data;

public record ImportResult(int Created, int Updated, int Unchanged, IReadOnlyList<string> Warnings)
{
    public override string ToString() =>
        $"{Created} created, {Updated} updated, {Unchanged} unchanged, {Warnings.Count} warnings";
}

/// <summary>A file that cannot be imported; every message names the file, the row and the field.</summary>
public class ImportException(string file, IReadOnlyList<string> errors)
    : Exception($"{Path.GetFileName(file)}: {errors.Count} error(s), nothing imported:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
