/** A backbone added from outside the framework: a spec, its DJL block, and one Guice binding. */
@SpecStyle
package org.example.vitssl;

import vitssl.dsl.SpecStyle;
