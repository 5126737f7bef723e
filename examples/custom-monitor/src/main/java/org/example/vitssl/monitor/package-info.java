/** A monitor added from outside the framework: a spec, the monitor, and one Guice binding. */
@SpecStyle
package org.example.vitssl.monitor;

import vitssl.dsl.SpecStyle;

