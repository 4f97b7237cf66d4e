import ConceptGraphCLI

ConceptGraphCommand.main()
