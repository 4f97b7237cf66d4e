import ConceptGraphCLI

await ConceptGraphCommand.main()
