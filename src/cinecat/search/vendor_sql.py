"""SQL that only one database vendor runs, for the migrations of what the ORM does not describe."""


def run(statements: dict[str, list[str]]):
    """A RunPython operation executing the statements listed for the connection's vendor."""

    def operation(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation
