from bsec_plan.cli import main

raise SystemExit(main())
